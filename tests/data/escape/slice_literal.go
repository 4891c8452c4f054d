package main

var keep []int

func local() int {
	s := []int{1, 2, 3}
	return s[1]
}

func global() {
	keep = []int{4, 5}
}

func main() {
	global()
	println(local(), keep[0])
}
