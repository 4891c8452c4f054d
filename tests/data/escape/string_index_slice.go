package main

var keep string

func main() {
	s := "hello, world"
	b := s[0]
	t := s[7:]
	keep = s[:5]
	println(b, t, len(keep))
}
