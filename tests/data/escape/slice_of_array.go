package main

var keep []int

func local() int {
	var a [8]int
	s := a[2:5]
	return len(s)
}

func leak() {
	var b [8]int
	keep = b[:]
}

func main() {
	leak()
	println(local(), len(keep))
}
