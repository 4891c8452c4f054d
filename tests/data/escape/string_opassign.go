package main

var keep string

func main() {
	s := "a"
	for i := 0; i < 3; i++ {
		s += "b"
	}
	keep = s
	println(keep)
}
